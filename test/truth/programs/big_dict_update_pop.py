d = {}
for i in range(130):
    d[i] = i
d.update({i: -i for i in range(130, 140)})
d.pop(0)
d.pop(135)
print(len(d))
