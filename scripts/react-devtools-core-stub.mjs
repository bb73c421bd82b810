// Stands in for `react-devtools-core` in the bundle: Ink imports it only when DEV=true, and it is not a dependency.
const devtools = {
  initialize() {},
  connectToDevTools() {},
};
export default devtools;
