count = 3
print(count)
print(cuont)
