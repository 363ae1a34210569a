squares = {}
for n in range(50):
    squares[n] = n * n
print(len(squares), squares[49])
