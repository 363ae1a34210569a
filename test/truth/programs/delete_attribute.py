class Note:
    def __init__(self):
        self.text = "hi"
        self.tags = ["x"]

n = Note()
tags = n.tags
del n.tags
print(tags, hasattr(n, "tags"))
