import copy
orig = [[1, 2], [3, 4]]
shallow = copy.copy(orig)
deep = copy.deepcopy(orig)
orig[0].append(99)
print(shallow[0], deep[0], shallow[0] is orig[0], deep[0] is orig[0])
