def chunks(xs, size):
    for i in range(0, len(xs), size):
        yield xs[i:i + size]

data = [1, 2, 3, 4, 5, 6, 7]
for part in chunks(data, 3):
    print(part)
