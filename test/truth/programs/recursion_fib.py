def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

answers = []
for i in range(7):
    answers.append(fib(i))
print(answers)
