xs = list(range(98))
for i in range(5):
    xs.append(i)
print(len(xs))
