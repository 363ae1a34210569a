evens = set()
for n in range(0, 200, 2):
    evens.add(n)
print(len(evens))
