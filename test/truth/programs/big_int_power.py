big = 2 ** 1000
bigger = big * big
print(len(str(bigger)))
small = bigger // bigger
print(small)
