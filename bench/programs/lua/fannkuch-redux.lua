-- fannkuch-redux (the Benchmarks Game kernel): for every permutation of 1..n, count the
-- prefix reversals ("pancake flips") until the first element is 1; print a checksum (flips
-- summed with alternating signs, in the order the permutations are generated) and the maximum.
-- Usage: lua fannkuch-redux.lua N   (N = 7 prints 228 and "Pfannkuchen(7) = 16")
-- Written for iotypes' bench/engine.sh.

local n = math.tointeger(tonumber(arg and arg[1])) or 7

local function fannkuch(n)
  local perm, perm1, count = {}, {}, {}
  for i = 0, n - 1 do perm1[i] = i end
  local maxflips, checksum, permcount = 0, 0, 0
  local r = n
  while true do
    while r ~= 1 do
      count[r - 1] = r
      r = r - 1
    end
    for i = 0, n - 1 do perm[i] = perm1[i] end
    local flips = 0
    local k = perm[0]
    while k ~= 0 do
      local i, j = 0, k
      while i < j do
        perm[i], perm[j] = perm[j], perm[i]
        i = i + 1
        j = j - 1
      end
      flips = flips + 1
      k = perm[0]
    end
    if flips > maxflips then maxflips = flips end
    if permcount % 2 == 0 then checksum = checksum + flips else checksum = checksum - flips end
    -- the next permutation: rotate the first r + 1 elements until a counter is left
    while true do
      if r == n then return checksum, maxflips end
      local first = perm1[0]
      for i = 0, r - 1 do perm1[i] = perm1[i + 1] end
      perm1[r] = first
      count[r] = count[r] - 1
      if count[r] > 0 then break end
      r = r + 1
    end
    permcount = permcount + 1
  end
end

local checksum, maxflips = fannkuch(n)
io.write(checksum, "\nPfannkuchen(", n, ") = ", maxflips, "\n")
