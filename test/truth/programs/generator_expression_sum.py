numbers = [3, 1, 4, 1, 5, 9, 2, 6]
squares = (n * n for n in numbers)
total = sum(squares)
print(total)
