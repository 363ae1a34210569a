def depth(tree):
    if tree is None:
        return 0
    left, value, right = tree
    return 1 + max(depth(left), depth(right))

leaf = (None, 3, None)
tree = ((leaf, 2, None), 1, (None, 4, leaf))
print(depth(tree))
