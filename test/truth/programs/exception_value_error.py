texts = ["12", "x", "7"]
numbers = []
for t in texts:
    try:
        numbers.append(int(t))
    except ValueError:
        numbers.append(0)
print(numbers)
