# Two names, one object: changing it through one name shows through the other.
a = [1, 2, 3]
b = a
b.append(4)
c = a.copy()
c.append(5)
print(a, b, c, a is b, a is c)
