tree = [1, [2, [3, [4]]]]
node = tree
while len(node) > 1:
    node = node[1]
print(node)
