point = (1, 2, 3)
words = ("a", "b")
