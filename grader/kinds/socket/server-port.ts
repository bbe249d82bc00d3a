// The port chooser lives with the probe (it runs in the submission's network); re-exported for the drivers.
export { quietPort } from "../../probe/quiet-port.js";
