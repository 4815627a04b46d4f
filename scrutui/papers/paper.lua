-- scrutui's pandoc filter for papers going to Word or HTML.
-- A <br> in a table cell (the only HTML scrutui writes) becomes a real line break.
function RawInline(el)
  if el.format:match("html") and el.text:match("^<br%s*/?>$") then
    return pandoc.LineBreak()
  end
end

-- A row holding the complete mark is the paper's green shading.
function Table(tbl)
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do
      for _, cell in ipairs(row.cells) do
        if pandoc.utils.stringify(cell.contents):find("✔") then
          row.attr.classes:insert("complete")
          break
        end
      end
    end
  end
  return tbl
end
