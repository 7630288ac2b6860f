namespace FlinkSdk.Serialization;

/// <summary>
/// MessagePack input is truncated or malformed, or holds a value of another type than the one asked for. The message
/// says what was expected, which byte was found and at which offset.
/// </summary>
public sealed class MessagePackFormatException : FormatException
{
    /// <summary>Creates an exception with a default message.</summary>
    public MessagePackFormatException()
        : this("The MessagePack input is malformed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What is wrong with the input.</param>
    public MessagePackFormatException(string message)
        : this(message, -1)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What is wrong with the input.</param>
    /// <param name="innerException">The cause.</param>
    public MessagePackFormatException(string message, Exception innerException)
        : this(message, -1, innerException)
    {
    }

    /// <summary>Creates an exception for a problem at a known offset.</summary>
    /// <param name="message">What is wrong with the input, naming the offset.</param>
    /// <param name="offset">The offset, from the start of the input, of the value that could not be read.</param>
    public MessagePackFormatException(string message, long offset)
        : base(message)
    {
        Offset = offset;
    }

    /// <summary>Creates an exception for a problem at a known offset, with a cause.</summary>
    /// <param name="message">What is wrong with the input, naming the offset.</param>
    /// <param name="offset">The offset, from the start of the input, of the value that could not be read.</param>
    /// <param name="innerException">The cause.</param>
    public MessagePackFormatException(string message, long offset, Exception? innerException)
        : base(message, innerException)
    {
        Offset = offset;
    }

    /// <summary>The offset, from the start of the input, of the value that could not be read; -1 when unknown.</summary>
    public long Offset { get; }
}
