numbers = [1, 2, 3, 4, 5]
first, *middle, last = numbers
print(first, middle, last)
middle.append(99)
print(numbers)
