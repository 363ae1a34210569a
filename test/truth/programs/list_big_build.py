squares = []
for n in range(200):
    squares.append(n * n)
print(squares[-1], len(squares))
