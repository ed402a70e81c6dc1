-- The request mix of the portal's load bench (wrk): what readers do most.
-- 30 % list pages of the API, 25 % one tender by the API, 20 % one tender's
-- page, 10 % a filtered search, 10 % pages of the tender list, 5 % the
-- budget lines. Tender ids and pages are drawn over the whole store.
math.randomseed(7)
local tenders = tonumber(os.getenv("TENDERS") or "10000")
local pages = math.floor(tenders / 20)
request = function()
  local r = math.random(100)
  local path
  if r <= 30 then
    path = "/api/tenders?page=" .. math.random(1, pages)
  elseif r <= 55 then
    path = "/api/tenders/" .. math.random(0, tenders - 1)
  elseif r <= 75 then
    path = "/tenders/" .. math.random(0, tenders - 1) .. "?lang=en"
  elseif r <= 85 then
    path = "/api/tenders?status=complete&q=tender%20" .. math.random(1, 15) .. "&page=1"
  elseif r <= 95 then
    path = "/tenders?lang=en&page=" .. math.random(1, pages)
  else
    path = "/api/lines"
  end
  return wrk.format("GET", path)
end
