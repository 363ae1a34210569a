queue = [1, 2, 3, 4, 5]
while queue:
    head = queue.pop(0)
    print(head)
print(queue)
