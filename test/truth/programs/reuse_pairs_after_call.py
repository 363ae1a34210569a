def square(x):
    work = [x, x]
    return work[0] * work[1]

pairs = []
for x in range(3):
    pairs.append([x, square(x)])
print(pairs)
