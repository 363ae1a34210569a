stack = list(range(300))
while len(stack) > 290:
    stack.pop()
print(len(stack), stack[-1])
