matrix = [[1, 2], [3, 4]]
row = matrix[0]
row.append(5)
matrix.append([6])
print(matrix)
