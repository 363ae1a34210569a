grid = [[0] * 3] * 3
grid[0][0] = 1
good = [[0] * 3 for _ in range(3)]
good[0][0] = 1
print(grid, good)
