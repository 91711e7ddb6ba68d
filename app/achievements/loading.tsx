import { LoadingState } from "../_components/loading-state";

export default LoadingState;
