class Tree:
    def __init__(self, left=None, right=None):
        self.left = left
        self.right = right

def depth(t):
    if t is None:
        return 0
    return 1 + max(depth(t.left), depth(t.right))

root = Tree(Tree(Tree()), Tree())
print(depth(root))
