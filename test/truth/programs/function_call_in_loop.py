def square(x):
    result = x * x
    return result

results = []
for i in range(4):
    results.append(square(i))
print(results)
