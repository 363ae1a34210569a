xs = list(range(120))
for i in range(4):
    xs.pop(0)
print(len(xs), xs[0])
