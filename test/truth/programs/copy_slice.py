original = [1, 2, 3]
copy = original[:]
copy.append(4)
print(original, copy)
