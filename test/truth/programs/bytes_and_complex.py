data = b"memory"
part = data[:3]
z = 3 + 4j
w = z * 2
print(part, w, abs(z))
