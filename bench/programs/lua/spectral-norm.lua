-- spectral-norm (the Benchmarks Game kernel): the spectral norm of the infinite matrix
-- A(i, j) = 1 / ((i + j) (i + j + 1) / 2 + i + 1), cut to N x N, by ten power iterations of
-- A^T A. Usage: lua spectral-norm.lua N   (N = 100 prints 1.274219991)
-- Written for iotypes' bench/engine.sh.

local n = math.tointeger(tonumber(arg and arg[1])) or 100

local function a(i, j)
  local ij = i + j - 1
  return 1.0 / (ij * (ij - 1) * 0.5 + i)
end

local function times(out, v)          -- out = A v
  for i = 1, n do
    local sum = 0
    for j = 1, n do sum = sum + a(i, j) * v[j] end
    out[i] = sum
  end
end

local function times_transposed(out, v) -- out = A^T v
  for i = 1, n do
    local sum = 0
    for j = 1, n do sum = sum + a(j, i) * v[j] end
    out[i] = sum
  end
end

local function times_ata(out, v, tmp)
  times(tmp, v)
  times_transposed(out, tmp)
end

local u, v, tmp = {}, {}, {}
for i = 1, n do u[i] = 1 end
for _ = 1, 10 do
  times_ata(v, u, tmp)
  times_ata(u, v, tmp)
end
local vbv, vv = 0, 0
for i = 1, n do
  vbv = vbv + u[i] * v[i]
  vv = vv + v[i] * v[i]
end
io.write(string.format("%0.9f\n", math.sqrt(vbv / vv)))
