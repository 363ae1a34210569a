class Plugin:
    registry = []

    def __init__(self, name):
        self.name = name
        Plugin.registry.append(name)

all_names = Plugin.registry
Plugin("a")
Plugin("b")
print(all_names)
