grid = [[0, 0, 0], [1, 1, 1]]
second = grid[1]
grid[1][:] = [7, 8]
print(second, grid)
