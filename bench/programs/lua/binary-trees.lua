-- binary-trees (the Benchmarks Game kernel): allocate and walk perfect binary trees, many
-- short-lived ones of growing depth next to one long-lived tree; exercises the allocator and GC.
-- Usage: lua binary-trees.lua N   (N = 10 ends with "long lived tree of depth 10	 check: 2047")
-- Written for iotypes' bench/engine.sh.

local n = math.tointeger(tonumber(arg and arg[1])) or 10

local function bottom_up(depth)
  if depth == 0 then return {} end
  depth = depth - 1
  return { bottom_up(depth), bottom_up(depth) }
end

local function check(tree)
  local left = tree[1]
  if left then return 1 + check(left) + check(tree[2]) end
  return 1
end

local min_depth = 4
local max_depth = math.max(min_depth + 2, n)

local stretch = max_depth + 1
io.write("stretch tree of depth ", stretch, "\t check: ", check(bottom_up(stretch)), "\n")

local long_lived = bottom_up(max_depth)

for depth = min_depth, max_depth, 2 do
  local iterations = 1 << (max_depth - depth + min_depth)
  local sum = 0
  for _ = 1, iterations do sum = sum + check(bottom_up(depth)) end
  io.write(iterations, "\t trees of depth ", depth, "\t check: ", sum, "\n")
end

io.write("long lived tree of depth ", max_depth, "\t check: ", check(long_lived), "\n")
