class Node:
    def __init__(self, value):
        self.value = value
        self.child = None

root = Node(1)
root.child = Node(2)
root.child.value = 20
leaf = root.child
print(leaf.value)
