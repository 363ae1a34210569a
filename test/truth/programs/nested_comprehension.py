matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
flat = [v for row in matrix for v in row if v % 2]
squares = {n: n * n for n in range(4)}
evens = {n for n in range(10) if n % 2 == 0}
print(matrix, flat, squares, sorted(evens))
