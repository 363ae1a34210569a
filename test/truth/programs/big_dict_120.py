d = {}
for i in range(120):
    d[i] = i * 2
del d[5]
print(len(d))
