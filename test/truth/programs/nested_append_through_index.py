matrix = [[0], [0]]
row = matrix[1]
matrix[1].append(5)
matrix[1][0] = 7
print(row)
