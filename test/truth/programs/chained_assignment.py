a = b = c = []
a.append(1)
b = [2]
print(a, b, c)
