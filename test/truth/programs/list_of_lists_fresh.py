grid = []
for r in range(3):
    grid.append([r] * 3)
grid[1][1] = 9
print(grid)
