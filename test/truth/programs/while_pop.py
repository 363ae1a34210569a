stack = [1, 2, 3, 4, 5]
total = 0
while stack:
    top = stack.pop()
    total += top * top
print(total, stack)
