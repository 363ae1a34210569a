class Node:
    def __init__(self, value, nxt=None):
        self.value = value
        self.next = nxt

head = None
for v in range(4):
    head = Node(v, head)
node = head
total = 0
while node is not None:
    total += node.value
    node = node.next
print(total)
