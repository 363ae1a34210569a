xs = list(range(10))
while len(xs) > 3:
    xs.pop(len(xs) // 2)
print(xs)
