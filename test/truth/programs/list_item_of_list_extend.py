grid = [[1], [2]]
first = grid[0]
grid[0] += [5, 6]
print(first)
