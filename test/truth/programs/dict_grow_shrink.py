d = {}
for i in range(10):
    d[i] = str(i)
for i in range(8):
    del d[i]
print(d)
