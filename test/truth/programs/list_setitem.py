grid = [0, 0, 0, 0]
grid[0] = 5
grid[2] = grid[0] + 1
grid[-1] = 9
print(grid)
