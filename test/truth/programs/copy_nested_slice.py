grid = [[0, 0], [0, 0]]
copy = grid[:]
copy[0][0] = 1
copy[1] = [5, 5]
print(grid, copy)
