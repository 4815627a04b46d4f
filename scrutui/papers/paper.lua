-- scrutui's pandoc filter for papers going to Word or HTML.
-- A <br> in a table cell (the only HTML scrutui writes) becomes a real line break.
function RawInline(el)
  if el.format:match("html") and el.text:match("^<br%s*/?>$") then
    return pandoc.LineBreak()
  end
end

-- The status cell of each row gets the classes "status" and "status-N" (N: the code's place
-- in the tracker's scheme, from the metadata "status-codes"), counted "status-from-end"
-- cells from the right. Where "shade-complete" is true, a row whose status cell holds the
-- complete mark (the paper puts it there from the record's status, and only there) gets the
-- class "complete": the paper's green shading. Nothing typed in any other field counts.
local MARK = "✔"

function Pandoc(doc)
  local from_end = tonumber(pandoc.utils.stringify(doc.meta["status-from-end"] or ""))
  local shade = pandoc.utils.stringify(doc.meta["shade-complete"] or "") == "true"
  local codes = {}
  local listed = doc.meta["status-codes"]
  if listed then
    for i, code in ipairs(listed) do
      codes[pandoc.utils.stringify(code)] = i
    end
  end
  if not from_end then
    return doc
  end
  doc.blocks = doc.blocks:walk({
    Table = function(tbl)
      for _, body in ipairs(tbl.bodies) do
        for _, row in ipairs(body.body) do
          local cell = row.cells[#row.cells - from_end + 1]
          if cell then
            local text = pandoc.utils.stringify(cell.contents)
            local code = text:gsub(MARK, ""):match("^%s*(.-)%s*$")
            if codes[code] then
              cell.attr.classes:insert("status")
              cell.attr.classes:insert("status-" .. codes[code])
            end
            if shade and text:find(MARK, 1, true) then
              row.attr.classes:insert("complete")
            end
          end
        end
      end
      return tbl
    end,
  })
  return doc
end
