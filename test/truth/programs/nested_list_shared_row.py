row = [0, 0]
grid = [row, row]
grid[0][0] = 7
print(grid)
