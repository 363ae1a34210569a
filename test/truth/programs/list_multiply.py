row = [0] * 5
rows = [row] * 3
rows[0][0] = 1
print(rows)
